import { Component, type ReactNode } from "react";
import { LoadError } from "./load-error.js";

type State = { error: Error | null };

/**
 * Catches what a page or panel throws while rendering and shows it as an error with a retry, so
 * one failing part never blanks the whole app. Retry renders the part again from scratch.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    if (this.state.error) {
      return (
        <LoadError
          error={this.state.error}
          onRetry={() => {
            this.setState({ error: null });
          }}
        />
      );
    }
    return this.props.children;
  }
}

import type { WebFeature } from "../web-feature.js";
import { ForgotPasswordPage } from "./forgot-password-page.js";
import { ResetPasswordPage } from "./reset-password-page.js";
import { SignInPage } from "./sign-in-page.js";

// The three pages share the sign-in card and are a few KB: loaded with the app, they add no chunks of their own.
export const feature: WebFeature = {
  name: "auth",
  routes: [
    { path: "/sign-in", element: <SignInPage />, public: true },
    { path: "/forgot-password", element: <ForgotPasswordPage />, public: true },
    { path: "/reset-password", element: <ResetPasswordPage />, public: true },
  ],
};

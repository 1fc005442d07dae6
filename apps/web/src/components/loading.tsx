import { Loader, type LoaderProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A spinner that says what it is to a screen reader: a status named "Loading" in the agent's language. */
export function Loading(props: Omit<LoaderProps, "role" | "aria-label">) {
  const { t } = useTranslation();
  return <Loader role="status" aria-label={t("app.loading")} {...props} />;
}

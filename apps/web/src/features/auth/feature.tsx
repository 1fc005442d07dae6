import { lazyExport, type WebFeature } from "../web-feature.js";

// The three pages share the sign-in card and load together, when one is shown: a signed-in agent never needs them.
const pages = () => import("./auth-pages.js");
const SignInPage = lazyExport(pages, "SignInPage");
const ForgotPasswordPage = lazyExport(pages, "ForgotPasswordPage");
const ResetPasswordPage = lazyExport(pages, "ResetPasswordPage");

export const feature: WebFeature = {
  name: "auth",
  routes: [
    { path: "/sign-in", element: <SignInPage />, public: true },
    { path: "/forgot-password", element: <ForgotPasswordPage />, public: true },
    { path: "/reset-password", element: <ResetPasswordPage />, public: true },
  ],
};

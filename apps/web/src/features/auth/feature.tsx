import { lazyExport, type WebFeature } from "../web-feature.js";
import { SignInPage } from "./sign-in-page.js";

const ForgotPasswordPage = lazyExport(() => import("./forgot-password-page.js"), "ForgotPasswordPage");
const ResetPasswordPage = lazyExport(() => import("./reset-password-page.js"), "ResetPasswordPage");

export const feature: WebFeature = {
  name: "auth",
  routes: [
    { path: "/sign-in", element: <SignInPage />, public: true },
    { path: "/forgot-password", element: <ForgotPasswordPage />, public: true },
    { path: "/reset-password", element: <ResetPasswordPage />, public: true },
  ],
};

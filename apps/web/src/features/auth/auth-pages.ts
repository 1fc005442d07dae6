// The public pages, loaded as one (see feature.tsx).
export { ForgotPasswordPage } from "./forgot-password-page.js";
export { ResetPasswordPage } from "./reset-password-page.js";
export { SignInPage } from "./sign-in-page.js";

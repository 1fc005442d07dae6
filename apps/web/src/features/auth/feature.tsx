import type { WebFeature } from "../web-feature.js";
import { SignInPage } from "./sign-in-page.js";

export const feature: WebFeature = {
  name: "auth",
  routes: [{ path: "/sign-in", element: <SignInPage />, public: true }],
};

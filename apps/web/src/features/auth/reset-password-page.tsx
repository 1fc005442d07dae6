import { Alert, Anchor, Button, PasswordInput, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { z } from "zod";
import { ConfirmPasswordResetBody, rule } from "@atende/shared";
import { api, ApiError } from "../../api/client.js";
import { describeError } from "../../api/errors.js";
import { schemaResolver, showFieldErrors } from "../../api/form-errors.js";
import { AuthCard } from "./auth-card.js";
import type { SignInNotice } from "./password-reset.js";

/** The new password twice: the second must match, so that a typo does not lock the agent out again. */
const ResetForm = z
  .object({ password: ConfirmPasswordResetBody.shape.password, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: rule("password_mismatch", "must be the same as the new password") });
type ResetInput = { password: string; confirm: string };

/** The link is spent (used, expired, replaced) or made up: only a new one helps. */
function LinkInvalid({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert color="red" role="alert">
        {message}
      </Alert>
      <Button component={Link} to="/forgot-password" variant="light">
        {t("resetPassword.askAgain")}
      </Button>
    </Stack>
  );
}

/** `/reset-password?token=…`, where a reset link leads: a new password, twice; then back to sign in. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const form = useForm<ResetInput>({ resolver: schemaResolver(ResetForm), defaultValues: { password: "", confirm: "" } });
  const reset = useMutation({
    mutationFn: ({ password }: ResetInput) => api(z.null(), "/auth/password-reset/confirm", { method: "POST", body: { token, password } satisfies ConfirmPasswordResetBody }),
    onSuccess: () => {
      void navigate("/sign-in", { replace: true, state: { passwordReset: true } satisfies SignInNotice });
    },
    onError: (error) => showFieldErrors(form, error), // a refused token is said above the form instead
  });
  const error = reset.error;
  const linkRefused = error instanceof ApiError && error.fields.some((f) => f.path === "token");
  const failed = error && !linkRefused && !(error instanceof ApiError && error.fields.length > 0) ? describeError(error) : null;
  if (!token) {
    return (
      <AuthCard title={t("resetPassword.title")}>
        <LinkInvalid message={t("resetPassword.noToken")} />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t("resetPassword.title")}>
      {linkRefused ? (
        <LinkInvalid message={t("resetPassword.linkInvalid")} />
      ) : (
        <form
          onSubmit={(e) =>
            void form.handleSubmit((values) => {
              reset.mutate(values);
            })(e)
          }
          noValidate
        >
          <Stack>
            <Text size="sm">{t("resetPassword.intro")}</Text>
            {failed && (
              <Alert color="red" role="alert">
                {failed}
              </Alert>
            )}
            <PasswordInput
              label={t("resetPassword.password")}
              autoComplete="new-password"
              autoFocus
              {...form.register("password")}
              error={form.formState.errors.password?.message}
            />
            <PasswordInput
              label={t("resetPassword.confirm")}
              autoComplete="new-password"
              {...form.register("confirm")}
              error={form.formState.errors.confirm?.message}
            />
            <Button type="submit" fullWidth loading={reset.isPending}>
              {t("resetPassword.submit")}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/sign-in" size="sm">
        {t("forgotPassword.back")}
      </Anchor>
    </AuthCard>
  );
}

import { Alert, Anchor, Button, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { PasswordResetRequestedDto, RequestPasswordResetBody } from "@atende/shared";
import { api, ApiError } from "../../api/client.js";
import { describeError } from "../../api/errors.js";
import { schemaResolver, showFieldErrors } from "../../api/form-errors.js";
import { currentLocale } from "../../i18n.js";
import { AuthCard } from "./auth-card.js";
import { usePasswordResetAvailable, type SignInNotice } from "./password-reset.js";
import { Loading } from "../../components/loading.js";

type ForgotInput = { email: string };

/** What an agent who cannot reset by e-mail is told: an admin of their workspace can. */
function AskAnAdmin() {
  const { t } = useTranslation();
  return (
    <Alert color="blue" role="status">
      {t("forgotPassword.unavailable")}
    </Alert>
  );
}

function BackToSignIn({ email }: { email?: string }) {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/sign-in" state={email ? ({ email } satisfies SignInNotice) : null} size="sm">
      {t("forgotPassword.back")}
    </Anchor>
  );
}

/** `/forgot-password`: asks for the e-mail an agent signs in with, and has a link to set a new password mailed there. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const typed = (location.state as SignInNotice | null)?.email ?? ""; // what the sign-in page had, if anything
  const available = usePasswordResetAvailable();
  const form = useForm<ForgotInput>({ resolver: schemaResolver(RequestPasswordResetBody), defaultValues: { email: typed } });
  const request = useMutation({
    mutationFn: (body: ForgotInput) =>
      api(PasswordResetRequestedDto, "/auth/password-reset", { method: "POST", body, headers: { "accept-language": currentLocale() } }),
    onError: (error) => showFieldErrors(form, error),
  });
  const unavailable = available.data === false || (request.error instanceof ApiError && request.error.code === "UNAVAILABLE");
  const failed = request.error && !unavailable && !(request.error instanceof ApiError && request.error.fields.length > 0) ? describeError(request.error) : null;
  if (available.isPending) {
    return (
      <AuthCard title={t("forgotPassword.title")}>
        <Loading />
      </AuthCard>
    );
  }
  if (unavailable) {
    return (
      <AuthCard title={t("forgotPassword.title")}>
        <AskAnAdmin />
        <BackToSignIn />
      </AuthCard>
    );
  }
  if (request.isSuccess) {
    return (
      <AuthCard title={t("forgotPassword.checkMail")}>
        <Alert color="green" role="status">
          {t("forgotPassword.sent", { email: request.variables.email.trim() })}
        </Alert>
        <BackToSignIn email={request.variables.email.trim()} />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t("forgotPassword.title")}>
      <form
        onSubmit={(e) =>
          void form.handleSubmit((values) => {
            request.mutate(values);
          })(e)
        }
        noValidate
      >
        <Text size="sm" mb="md">
          {t("forgotPassword.intro")}
        </Text>
        {failed && (
          <Alert color="red" role="alert" mb="md">
            {failed}
          </Alert>
        )}
        <TextInput
          label={t("signIn.email")}
          type="email"
          autoComplete="username"
          autoFocus
          mb="md"
          {...form.register("email")}
          error={form.formState.errors.email?.message}
        />
        <Button type="submit" fullWidth loading={request.isPending}>
          {t("forgotPassword.submit")}
        </Button>
      </form>
      <BackToSignIn />
    </AuthCard>
  );
}

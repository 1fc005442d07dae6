import { Alert, Anchor, Button, PasswordInput, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { LoginBody, SessionDto } from "@atende/shared";
import { schemaResolver } from "../../api/form-errors.js";
import { api, ApiError, setCsrfToken } from "../../api/client.js";
import { AuthCard } from "./auth-card.js";
import { usePasswordResetAvailable, type SignInNotice } from "./password-reset.js";
import { SESSION_KEY } from "./use-session.js";

type LoginInput = { email: string; password: string };

/**
 * What to do about a forgotten password: a link to have one mailed, or, where this installation
 * sends no mail of its own, who can help. Nothing while it is not known yet.
 */
function ForgotPassword({ email }: { email: string }) {
  const { t } = useTranslation();
  const available = usePasswordResetAvailable();
  if (available.data === true) {
    return (
      <Anchor component={Link} to="/forgot-password" state={{ email } satisfies SignInNotice} size="sm" ta="center">
        {t("signIn.forgot")}
      </Anchor>
    );
  }
  if (available.data === false) {
    return (
      <Text size="sm" c="dimmed" ta="center">
        {t("signIn.askAdmin")}
      </Text>
    );
  }
  return null;
}

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const notice = useLocation().state as SignInNotice | null; // set by the pages of a forgotten password
  const client = useQueryClient();
  const form = useForm<LoginInput>({
    resolver: schemaResolver(LoginBody.pick({ email: true, password: true })),
    defaultValues: { email: notice?.email ?? "", password: "" },
  });
  const login = useMutation({
    mutationFn: (body: LoginInput) => api(SessionDto, "/auth/login", { method: "POST", body }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.setQueryData(SESSION_KEY, session);
      const next = params.get("next");
      void navigate(next?.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
    },
  });
  const failed = login.error instanceof ApiError && login.error.status === 401 ? t("signIn.failed") : login.error?.message;
  return (
    <AuthCard title={t("signIn.title")}>
      {notice?.passwordReset && !login.error && (
        <Alert color="green" role="status">
          {t("signIn.passwordChanged")}
        </Alert>
      )}
      {failed && (
        <Alert color="red" role="alert">
          {failed}
        </Alert>
      )}
      <form
        onSubmit={(e) =>
          void form.handleSubmit((values) => {
            login.mutate(values);
          })(e)
        }
        noValidate
      >
        <TextInput
          label={t("signIn.email")}
          type="email"
          autoComplete="username"
          autoFocus={!notice?.email}
          mb="md"
          {...form.register("email")}
          error={form.formState.errors.email?.message}
        />
        <PasswordInput
          label={t("signIn.password")}
          autoComplete="current-password"
          autoFocus={Boolean(notice?.email)}
          mb="md"
          {...form.register("password")}
          error={form.formState.errors.password?.message}
        />
        <Button type="submit" fullWidth mt="xs" loading={login.isPending}>
          {t("signIn.submit")}
        </Button>
      </form>
      <ForgotPassword email={form.watch("email")} />
    </AuthCard>
  );
}

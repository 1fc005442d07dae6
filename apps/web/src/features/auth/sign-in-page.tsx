import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { LoginBody, SessionDto } from "@atende/shared";
import { schemaResolver } from "../../api/errors.js";
import { api, ApiError, setCsrfToken } from "../../api/client.js";
import { SESSION_KEY } from "./use-session.js";

type LoginInput = { email: string; password: string };

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const client = useQueryClient();
  const form = useForm<LoginInput>({ resolver: schemaResolver(LoginBody.pick({ email: true, password: true })), defaultValues: { email: "", password: "" } });
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
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} component="main">
        <form onSubmit={(e) => void form.handleSubmit((values) => {
          login.mutate(values);
        })(e)} noValidate>
          <Stack>
            <Title order={1} size="h3">
              {t("signIn.title")}
            </Title>
            {failed && (
              <Alert color="red" role="alert">
                {failed}
              </Alert>
            )}
            <TextInput label={t("signIn.email")} type="email" autoComplete="username" autoFocus {...form.register("email")} error={form.formState.errors.email?.message} />
            <PasswordInput label={t("signIn.password")} autoComplete="current-password" {...form.register("password")} error={form.formState.errors.password?.message} />
            <Button type="submit" loading={login.isPending}>
              {t("signIn.submit")}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

import { Badge, Group, Tooltip, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LOCALES, type ArticleTranslationRefDto, type Locale } from "@atende/shared";
import { LOCALE_NAMES } from "../../i18n.js";

/** A language's short name on a badge: EN, PT, CS. */
export const localeCode = (locale: Locale) => locale.slice(0, 2).toUpperCase();

/**
 * Which translations an article has, one badge per language: filled when published, outlined for
 * a draft, dashed and dimmed where it is missing. Present ones open that translation.
 */
export function TranslationBadges({ translations, current }: { translations: readonly ArticleTranslationRefDto[]; current?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" role="list" aria-label={t("knowledgeBase.translations")}>
      {LOCALES.map((locale) => {
        const found = translations.find((x) => x.locale === locale);
        const state = found ? t(`knowledgeBase.statuses.${found.status}`) : t("knowledgeBase.missing");
        const label = `${LOCALE_NAMES[locale]}: ${state}`;
        return (
          <Tooltip key={locale} label={label}>
            <span role="listitem">
              {found ? (
                <Badge
                  component={Link}
                  to={`/knowledge-base/articles/${found.id}`}
                  size="sm"
                  radius="sm"
                  variant={found.status === "published" ? "filled" : "outline"}
                  color={found.id === current ? "dark" : "blue"}
                  aria-label={label}
                  style={{ cursor: "pointer" }}
                >
                  {localeCode(locale)}
                </Badge>
              ) : (
                <Badge size="sm" radius="sm" variant="outline" color="gray" style={{ borderStyle: "dashed" }} c="dimmed">
                  <span aria-hidden>{localeCode(locale)}</span>
                  <VisuallyHidden>{label}</VisuallyHidden>
                </Badge>
              )}
            </span>
          </Tooltip>
        );
      })}
    </Group>
  );
}

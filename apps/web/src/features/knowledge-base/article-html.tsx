import { Box, Typography } from "@mantine/core";
import classes from "./article-html.module.css";

/** An article's HTML (the server's, sanitized) as readers see it, in its language, within the width it is given. */
export function ArticleHtml({ html, lang }: { html: string; lang?: string }) {
  return (
    <Typography lang={lang} className={classes.body}>
      <Box dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}

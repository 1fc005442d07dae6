import type { TextareaProps } from "@mantine/core";
import { forwardRef } from "react";
import { useTranslation } from "react-i18next";
import { ARTICLE_QUESTIONS_MAX } from "@atende/shared";
import { GrowingTextarea } from "../../components/growing-textarea.js";
import { questionsProblem } from "./article-form.js";

type Props = Omit<TextareaProps, "autosize" | "minRows" | "maxRows" | "style" | "error" | "description"> & {
  /** The form's errors for the questions (the list's own, or one question's under its index). */
  problem: unknown;
};

/**
 * The questions a translation answers, one a line, as customers ask them: what the virtual attendant
 * and search find it by; readers never see them. Its problem names the question at fault.
 */
export const QuestionsField = forwardRef<HTMLTextAreaElement, Props>(function QuestionsField({ problem, label, ...props }, ref) {
  const { t } = useTranslation();
  const found = questionsProblem(problem);
  let error: string | undefined;
  if (found?.code === "too_many") error = t("knowledgeBase.questionsTooMany", { maximum: ARTICLE_QUESTIONS_MAX });
  else if (found?.number !== undefined) error = t("knowledgeBase.questionProblem", { number: found.number, problem: found.message });
  else error = found?.message;
  return (
    <GrowingTextarea
      ref={ref}
      label={label ?? t("knowledgeBase.questions")}
      description={t("knowledgeBase.questionsHelp")}
      minRows={3}
      maxRows={12}
      error={error}
      {...props}
    />
  );
});

import { ColorInput, MultiSelect, PasswordInput, Select, TextInput } from "@mantine/core";
import { Controller, type UseFormReturn } from "react-hook-form";
import { GrowingTextarea } from "../../components/growing-textarea.js";

/** A settings form's values: text, or several choices. */
export type FieldValues = Record<string, string | string[]>;

export type Field = {
  name: string;
  label: string;
  kind?: "text" | "textarea" | "password" | "select" | "multiselect" | "color";
  options?: { value: string; label: string }[];
};

/** The inputs of a settings form, each with the server's error for its field beside it. */
export function FieldInputs({ fields, form, wide = false }: { fields: Field[]; form: UseFormReturn<FieldValues>; wide?: boolean }) {
  return fields.map((f) => {
    const error = form.formState.errors[f.name]?.message;
    const width = wide ? "100%" : f.kind === "textarea" || f.kind === "multiselect" ? 360 : 220;
    if (f.kind === "textarea") return <GrowingTextarea key={f.name} label={f.label} w={width} minRows={2} {...form.register(f.name)} error={error} />;
    if (f.kind === "password") return <PasswordInput key={f.name} label={f.label} w={width} autoComplete="new-password" {...form.register(f.name)} error={error} />;
    if (f.kind === "text" || f.kind === undefined) return <TextInput key={f.name} label={f.label} w={width} {...form.register(f.name)} error={error} />;
    const kind = f.kind;
    return (
      <Controller
        key={f.name}
        control={form.control}
        name={f.name}
        render={({ field: { value, onChange, onBlur, ref } }) => {
          const common = { label: f.label, w: width, error, onBlur, ref };
          if (kind === "multiselect") {
            return <MultiSelect {...common} data={f.options ?? []} searchable value={Array.isArray(value) ? value : []} onChange={onChange} />;
          }
          const text = typeof value === "string" ? value : "";
          if (kind === "color") return <ColorInput {...common} format="hex" value={text} onChange={onChange} />;
          return <Select {...common} data={f.options ?? []} value={text || null} onChange={(next) => { onChange(next ?? ""); }} />;
        }}
      />
    );
  });
}

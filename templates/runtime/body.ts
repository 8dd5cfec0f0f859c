/** Request bodies other than JSON (openapi-fetch's default), chosen by the spec's media type. */

export type BodyEncoding = "json" | "form" | "multipart" | "text" | "binary";

function formValue(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

export const BODY_SERIALIZERS: Record<Exclude<BodyEncoding, "json">, (body: any) => any> = {
  form(body: Record<string, unknown>) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(body ?? {})) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) params.append(key, formValue(item));
    }
    return params;
  },
  multipart(body: Record<string, unknown>) {
    const form = new FormData();
    for (const [key, value] of Object.entries(body ?? {})) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        form.append(key, item instanceof Blob ? item : formValue(item));
      }
    }
    return form;
  },
  text: (body: unknown) => String(body),
  binary: (body: unknown) => body,
};

/** Request bodies other than JSON (openapi-fetch's default), chosen by the spec's media type. */

function formValue(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

export function formBody(body: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(body ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, formValue(item));
  }
  return params;
}

export function multipartBody(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(body ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      form.append(key, item instanceof Blob ? item : formValue(item));
    }
  }
  return form;
}

export const textBody = (body: unknown): string => String(body);

export const binaryBody = (body: unknown): unknown => body;

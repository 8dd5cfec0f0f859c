/**
 * The fetch the docs examples run with against Prism (imported by the rewritten example, in a
 * child process): throws on any Prism violation and prints every exchange, so the test sees
 * that a request was made and how it was answered.
 */
import { violationCheckingFetch } from "../support/prism.js";

export const EXCHANGE_MARKER = "[docs-example]";

const checked = violationCheckingFetch();

export async function docsExampleFetch(input: Request): Promise<Response> {
  const response = await checked(input);
  console.log(`${EXCHANGE_MARKER} ${input.method} ${input.url} -> ${response.status}`);
  return response;
}

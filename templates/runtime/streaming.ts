/**
 * Success bodies read as they arrive instead of all at once: JSON lines (`application/x-ndjson`,
 * `application/jsonl`, `application/json-seq`) as typed items, and binary downloads as a stream or
 * a `Blob`. A method of such an operation resolves once the response headers are in; the body is
 * read while the caller iterates, and the call's `signal` still cancels it. Server-sent events are
 * in event-stream.ts. Imported only by API classes that have such an operation.
 */
import type { ApiCore, CallMeta, RequestOptions } from "./core.js";
import { ApiConnectionError, UnexpectedResponseError } from "./errors.js";
import type { ApiPromise, WithResponse } from "./response.js";

/** Sends the operation once (the generated method's request, with these options). */
export type OpenStream = (request: RequestOptions) => ApiPromise<ReadableStream<Uint8Array> | undefined, any>;

/**
 * The promise a streaming method returns: `make` turns the opened response into the stream object,
 * once, whether the caller awaits the promise or calls `withResponse()`.
 */
export function streamPromise<T>(
  opened: Promise<WithResponse<ReadableStream<Uint8Array> | undefined, any>>,
  make: (opened: WithResponse<ReadableStream<Uint8Array> | undefined, any>) => T,
): ApiPromise<T, any> {
  const result = opened.then(make) as ApiPromise<T, any>;
  result.withResponse = () => Promise.all([opened, result]).then(([r, data]) => ({ ...r, data }));
  return result;
}

/**
 * The chunks of a body, ending with the caller's abort: an abort (or a `return()` from the loop
 * that reads them) cancels the body, which closes the connection. A connection that breaks
 * mid-body rejects with `ApiConnectionError` (`cause`: fetch's error).
 */
export async function* chunksOf(
  meta: CallMeta,
  body: ReadableStream<Uint8Array> | undefined,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array, void, undefined> {
  if (!body) return;
  const reader = body.getReader();
  let aborted: ((reason: unknown) => void) | undefined;
  const abortion = new Promise<never>((_, reject) => (aborted = reject));
  abortion.catch(() => {});
  const onAbort = () => {
    aborted!(signal!.reason);
    reader.cancel(signal!.reason).catch(() => {});
  };
  if (signal?.aborted) onAbort();
  signal?.addEventListener("abort", onAbort, { once: true });
  let done = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await Promise.race([reader.read(), abortion]);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw new ApiConnectionError(meta, error, [], "failed: the response was cut off while it was read");
      }
      // Cancelling the body on abort may end the read before the abort's rejection wins the race.
      if (signal?.aborted) throw signal.reason;
      if (chunk.done) {
        done = true;
        return;
      }
      yield chunk.value;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // Stopped early (break, abort, an error of the caller's): the rest of the body is not wanted.
    if (!done) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** The text of a body, decoded as UTF-8 chunk by chunk (a character split between chunks is kept whole). */
export async function* textOf(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder();
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** JSON lines as they arrive: each line one item, parsed as JSON. */
export interface JsonLines<T> extends AsyncIterable<T> {
  /** Stops reading and closes the connection (also what `break` in a `for await` does). */
  cancel(): Promise<void>;
}

/**
 * Reads `application/x-ndjson`, `application/jsonl` and `application/json-seq` (RFC 7464: a
 * record separator before each item): one item per line, blank lines skipped. A line that is not
 * JSON ends the iteration with `UnexpectedResponseError` (its first characters in `bodyStart`).
 */
export function readJsonLines<T>(
  _core: ApiCore,
  meta: CallMeta,
  request: RequestOptions,
  open: OpenStream,
): ApiPromise<JsonLines<T>, any> {
  return streamPromise(open(request).withResponse(), ({ data: body, response }) => {
    let source: AsyncGenerator<T, void, undefined> | undefined;
    async function* lines(): AsyncGenerator<T, void, undefined> {
      let buffer = "";
      const parse = (line: string): T | undefined => {
        const text = line.trim();
        if (text === "") return undefined;
        try {
          return JSON.parse(text) as T;
        } catch (error) {
          throw new UnexpectedResponseError(meta, response, text, error);
        }
      };
      for await (const text of textOf(chunksOf(meta, body, request.signal))) {
        const lines = (buffer + text).split(/[\n\u001e]/);
        buffer = lines.pop()!;
        for (const line of lines) {
          const item = parse(line);
          if (item !== undefined) yield item;
        }
      }
      const last = parse(buffer);
      if (last !== undefined) yield last;
    }
    return {
      [Symbol.asyncIterator]: () => {
        if (source) throw new TypeError(`${meta.operationId}: a stream can be read once`);
        return (source = lines());
      },
      cancel: async () => {
        if (source) await source.return();
        else await body?.cancel();
      },
    };
  });
}

/** A download, not read yet: take it as a stream (nothing buffered), a `Blob` or bytes, once. */
export interface Download {
  /** The response's `Content-Type` (`""` when none). */
  readonly contentType: string;
  /** The size the server announced (`Content-Length`), if it did. */
  readonly size: number | undefined;
  /** The bytes as they arrive: pipe them to a file or another response without holding them. */
  stream(): ReadableStream<Uint8Array>;
  /** The whole body as a `Blob` of the response's type. */
  blob(): Promise<Blob>;
  arrayBuffer(): Promise<ArrayBuffer>;
  /** Stops the download and closes the connection. */
  cancel(): Promise<void>;
}

/** Reads a binary success body as a `Download`. */
export function readBinary(
  _core: ApiCore,
  meta: CallMeta,
  request: RequestOptions,
  open: OpenStream,
): ApiPromise<Download, any> {
  return streamPromise(open(request).withResponse(), ({ data: body, response }): Download => {
    let taken = false;
    const contentType = response.headers.get("content-type") ?? "";
    const length = response.headers.get("content-length");
    const take = (): ReadableStream<Uint8Array> => {
      if (taken) throw new TypeError(`${meta.operationId}: a download can be read once`);
      taken = true;
      const chunks = chunksOf(meta, body, request.signal);
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const next = await chunks.next();
            if (next.done) controller.close();
            else controller.enqueue(next.value);
          } catch (error) {
            controller.error(error);
          }
        },
        async cancel() {
          await chunks.return();
        },
      });
    };
    return {
      contentType,
      size: length === null || !/^\d+$/.test(length) ? undefined : Number(length),
      stream: take,
      blob: () => new Response(take(), { headers: { "content-type": contentType } }).blob(),
      arrayBuffer: () => new Response(take()).arrayBuffer(),
      cancel: async () => {
        if (!taken) {
          taken = true;
          await body?.cancel();
        }
      },
    };
  });
}

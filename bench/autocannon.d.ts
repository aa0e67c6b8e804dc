// autocannon ships no types and @types/autocannon is not installed: just what bench/standalone.ts uses. It is
// installed on demand with the other peers (bench/peers.ts).
declare module 'autocannon' {
  interface Options {
    url: string
    connections?: number
    duration?: number
    headers?: Record<string, string>
    /** Sent in turn by every connection, on `url`'s origin; `setupRequest` rewrites one before each send. */
    requests?: Request[]
  }
  interface Request {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string | Buffer
    /** `context` is the connection's, emptied when its list of requests starts again. */
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request
  }
  interface Histogram {
    average: number
    p50: number
    p99: number
  }
  interface Result {
    requests: Histogram & { total: number }
    latency: Histogram
    throughput: Histogram
    errors: number
    timeouts: number
    non2xx: number
  }
  export default function autocannon(options: Options): Promise<Result>
}

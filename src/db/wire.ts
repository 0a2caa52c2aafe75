// The few pieces of the PostgreSQL wire protocol (version 3) the embedded store's host needs:
// cutting a byte stream into messages, reading a statement's text, and writing the handful
// of messages the host answers itself. Everything else passes through untouched.

/** Codes of the messages a client sends before its first typed message. */
export const PROTOCOL_3 = 196_608;
export const SSL_REQUEST = 80_877_103;
export const GSSENC_REQUEST = 80_877_104;
export const CANCEL_REQUEST = 80_877_102;

/** Length of the complete message at the start of `buf`, or 0 while it is incomplete. */
export function typedMessageLength(buf: Buffer): number {
  if (buf.length < 5) return 0;
  const length = 1 + buf.readInt32BE(1);
  return buf.length >= length ? length : 0;
}

/** Length of the complete untyped (start-up phase) message at the start of `buf`, or 0. */
export function untypedMessageLength(buf: Buffer): number {
  if (buf.length < 8) return 0;
  const length = buf.readInt32BE(0);
  return buf.length >= length ? length : 0;
}

/** Splits a stream of typed messages into whole messages, keeping an incomplete tail for later. */
export class MessageReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): Buffer[] {
    let buf = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const out: Buffer[] = [];
    for (let n = typedMessageLength(buf); n > 0; n = typedMessageLength(buf)) {
      out.push(buf.subarray(0, n));
      buf = buf.subarray(n);
    }
    // Copy the tail so that the (possibly large) chunk it came from can be freed.
    this.pending = Buffer.from(buf);
    return out;
  }
}

function cstring(s: string): Buffer {
  return Buffer.from(`${s}\0`, 'utf8');
}

function typed(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

/** A simple-protocol query. */
export function queryMessage(sql: string): Buffer {
  return typed('Q', cstring(sql));
}

export const SYNC_MESSAGE = typed('S', Buffer.alloc(0));
/** Ends a COPY FROM STDIN the client abandoned; outside COPY the server ignores it. */
export const COPY_FAIL_MESSAGE = typed('f', cstring('client went away'));

/** An ErrorResponse, as a server sends it (severity, SQLSTATE code, message). */
export function errorResponse(severity: 'ERROR' | 'FATAL', code: string, message: string): Buffer {
  return typed('E', Buffer.concat([cstring(`S${severity}`), cstring(`V${severity}`), cstring(`C${code}`), cstring(`M${message}`), Buffer.from([0])]));
}

/** The SQL text of a simple Query ('Q') or of a Parse ('P'), else null. */
export function statementText(msg: Buffer): string | null {
  const type = msg[0];
  if (type === 0x51 /* Q */) return msg.toString('utf8', 5, msg.indexOf(0, 5));
  if (type === 0x50 /* P */) {
    const nameEnd = msg.indexOf(0, 5);
    return msg.toString('utf8', nameEnd + 1, msg.indexOf(0, nameEnd + 1));
  }
  return null;
}

/** The channel of a NotificationResponse ('A'). */
export function notificationChannel(msg: Buffer): string {
  return msg.toString('utf8', 9, msg.indexOf(0, 9));
}

/**
 * LISTEN and UNLISTEN statements in `sql`, with their channel as the server folds it
 * (unquoted names to lower case). `*` stands for UNLISTEN *.
 */
export function listenChanges(sql: string): Array<{ listen: boolean; channel: string }> {
  const out: Array<{ listen: boolean; channel: string }> = [];
  const re = /(?:^|;)\s*(listen|unlisten)\s+("(?:[^"]|"")+"|\*|[^\s;]+)/gi;
  for (const m of sql.matchAll(re)) {
    const raw = m[2]!;
    const channel = raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw === '*' ? '*' : raw.toLowerCase();
    out.push({ listen: m[1]!.toLowerCase() === 'listen', channel });
  }
  return out;
}

/** Quotes a channel name for LISTEN. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

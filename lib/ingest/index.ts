export type { IngestItem } from './message.js';
export { normalizeEventName, normalizeState } from './names.js';
export type { ParsedDelivery, ParseOptions } from './parse-delivery.js';
export { parseDelivery, parseMessageBody } from './parse-delivery.js';
export { DEFAULT_MAX_BODY_BYTES } from './text.js';

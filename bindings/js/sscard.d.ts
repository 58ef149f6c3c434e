// SPDX-FileCopyrightText: 2026 The libsscard authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Types of sscard.mjs.  Each interface named after a definition of
// sscard-info.schema.json ($defs) has exactly its properties: the tests
// (tests/bindings/check-dts.py) hold the two together.

/** $defs/error */
export interface ErrorInfo {
  code: number;
  message: string;
  sw: string | null;
  field: string | null;
}

/** $defs/names */
export interface Names {
  en: string;
  zh: string;
}

/** $defs/card */
export interface Card {
  id_code: string;
  type: string | null;
  version: string | null;
  issuer: string | null;
  issued: string | null;
  expires: string | null;
  number: string;
  expired: boolean;
  temporary: boolean;
  number_check_ok: boolean;
  test_card: boolean;
  algorithm: string | null;
}

/** $defs/holder */
export interface Holder {
  ssn: string;
  name: string;
  sex: string | null;
  sex_name: Names | null;
  nation: string | null;
  nation_name: Names | null;
  birth_date: string | null;
  birthplace: string | null;
}

/** $defs/pin */
export interface Pin {
  state?: 'unknown' | 'not_verified' | 'verified' | 'locked';
  tries_left?: number | null;
  error?: ErrorInfo;
}

/** $defs/medical */
export interface Medical {
  balance_fen: number;
  balance_yuan: string;
  updated: string | null;
  category: string | null;
  profile: string;
}

/** A part that could not be read. */
export interface Failed {
  error: ErrorInfo;
}

/** GET /v1/card, and an "inserted" event */
export interface CardDocument {
  schema: 2;
  event?: 'inserted';
  reader: string;
  atr: string | null;
  region: string | null;
  card: Card;
  holder: Holder | Failed;
}

export interface EventDocument {
  schema: 2;
  event: 'inserted' | 'removed' | 'reader_added' | 'reader_removed' | 'error';
  reader?: string | null;
  card?: Card;
  holder?: Holder | Failed;
  error?: ErrorInfo;
}

export interface VersionDocument {
  schema: 2;
  service: string;
  version: string;
  library: string;
  api: number;
  legacy_port: number | null;
}

export interface LegacyAnswer {
  functionName: string;
  success: string;
  code: number;
  pOutInfo: string;
}

export class SSCardError extends Error {
  /** libsscard's SSCARD_E_* code, or the ministry's for legacy() */
  code: number;
  sw: string | null;
  field: string | null;
  /** the HTTP status, 0 when none */
  status: number;
  /** verifyPin's refusal: the PIN's state after it */
  pin?: { state: Pin['state']; tries_left: number | null };
}

export interface ClientOptions {
  base?: string;
  token?: string | null;
  legacyPort?: number;
  backoff?: { initialMs?: number; maxMs?: number };
  /** 'http': sscardd; 'bridge': the browser extension and its native
   * host; 'auto': the bridge when it answers within 300 ms, else http */
  transport?: 'http' | 'bridge' | 'auto';
}

export interface EventStream {
  close(): void;
}

export class SSCardClient {
  constructor(options?: ClientOptions);
  version(): Promise<VersionDocument>;
  readers(): Promise<{ schema: 2; readers: unknown[] }>;
  card(): Promise<CardDocument>;
  photo(): Promise<Blob>;
  verifyPin(pin: string, options?: { confirmLastTry?: boolean }): Promise<{ schema: 2; pin: Pin }>;
  medical(): Promise<{ schema: 2; reader: string; medical: Medical }>;
  doctor(): Promise<Record<string, unknown>>;
  events(listener: (event: EventDocument) => void,
    options?: { onState?: (state: 'open' | 'closed' | 'reconnecting') => void }): EventStream;
  legacy(functionName: 'iReadCardBas' | 'iReadCardBas_HSM_Step1' | 'iReadCardBas_HSM_Step2' |
    'iVerifyPIN' | 'iChangePIN' | 'iReadICCardNum',
    params?: Record<string, string | number>): Promise<LegacyAnswer>;
}

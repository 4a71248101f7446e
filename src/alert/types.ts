/** Every alert field flattened to a dotted key; values are always a list of strings. */
export type AlertFields = Record<string, string[]>;

export interface RuleIdentity {
  /** detection-rules `rule_id` (stable across Kibana spaces). */
  ruleId?: string;
  /** Rule name as the alert carries it. */
  ruleName?: string;
  /** Kibana saved-object id of the rule, when present. */
  ruleUuid?: string;
  severity?: string;
  riskScore?: number;
  /** Investigation guide markdown embedded in the alert (kibana.alert.rule.note / signal.rule.note). */
  note?: string;
}

export interface Alert {
  /** Alert id (kibana.alert.uuid, _id or a synthesised one). */
  id: string;
  rule: RuleIdentity;
  fields: AlertFields;
  /** @timestamp, ISO 8601, when present. */
  timestamp?: string;
  host?: string;
  /** Building-block alerts folded into this (EQL sequence) alert. */
  buildingBlocks: Alert[];
  /** Where the alert came from: a file path, "-" for stdin, or "--rule". */
  origin: string;
}

/** Reading alerts fails as data, never by throwing across a module boundary. */
export type AlertReadResult =
  | { ok: true; alerts: Alert[] }
  | { ok: false; error: AlertInputError };

export interface AlertInputError {
  kind: 'empty' | 'not-json' | 'truncated' | 'binary' | 'no-rule' | 'too-large' | 'unreadable' | 'bad-flag';
  /** One line, suitable for the terminal as is. */
  message: string;
  line?: number;
  column?: number;
}

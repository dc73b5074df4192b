/** CDS Hooks 2.0 response types (https://cds-hooks.hl7.org/2.0/#cds-service-response), as this service sends them. */

export interface CdsCoding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

export interface CdsAction {
  readonly type: 'create' | 'update' | 'delete';
  readonly description: string;
  readonly resource?: Readonly<Record<string, unknown>>;
  readonly resourceId?: readonly string[];
}

export interface CdsSuggestion {
  readonly label: string;
  readonly uuid?: string;
  readonly isRecommended?: boolean;
  readonly actions?: readonly CdsAction[];
}

export interface CdsLink {
  readonly label: string;
  readonly url: string;
  readonly type: 'absolute' | 'smart';
  readonly appContext?: string;
}

export interface CdsCard {
  readonly uuid?: string;
  readonly summary: string;
  readonly detail?: string;
  readonly indicator: 'info' | 'warning' | 'critical';
  readonly source: {
    readonly label: string;
    readonly url?: string;
    readonly icon?: string;
    readonly topic?: CdsCoding;
  };
  readonly suggestions?: readonly CdsSuggestion[];
  readonly selectionBehavior?: 'at-most-one' | 'any';
  readonly overrideReasons?: readonly CdsCoding[];
  readonly links?: readonly CdsLink[];
}

export interface CdsResponse {
  readonly cards: readonly CdsCard[];
}

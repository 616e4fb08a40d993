import { Inject, Injectable } from '@nestjs/common';
import { NoSchemaIntrospectionCustomRule, ParseOptions, ValidationRule } from 'graphql';
import { APP_CONFIG, AppConfig } from '@app/config';
import { QueryLimitCheck, queryLimitCheck } from './query-limits.plugin';

/** The most either transport reads of one request: an HTTP body, a WebSocket message. */
export const MAX_REQUEST_BYTES = 256 * 1024;

/**
 * What every transport does to a GraphQL document, in this order: Apollo over HTTP and the
 * graphql-ws server both take their rules from here, so the two cannot drift apart.
 */
@Injectable()
export class OperationRules {
  /**
   * The parser stops at the token limit, before anything walks the document: graphql-js's own
   * validation rules recurse through nested selections and fragments, and a long enough document
   * would exhaust the stack there.
   */
  readonly parseOptions: ParseOptions;
  /** Validation beyond graphql-js's specified rules: introspection, when it is off. */
  readonly validationRules: ValidationRule[];
  /** Depth, aliases and cost, once the document is valid. */
  readonly checkLimits: QueryLimitCheck;
  /** Where the schema may not be read, errors do not suggest its names ("Did you mean …?") either. */
  readonly hideSuggestions: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { introspection, maxDepth, maxCost, maxAliases, maxTokens } = config.graphql;
    this.parseOptions = { maxTokens };
    this.validationRules = introspection ? [] : [NoSchemaIntrospectionCustomRule];
    this.checkLimits = queryLimitCheck({ maxDepth, maxCost, maxAliases });
    this.hideSuggestions = !introspection;
  }
}

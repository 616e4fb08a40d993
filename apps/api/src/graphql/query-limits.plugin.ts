import { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { DocumentNode, GraphQLError, GraphQLSchema, Kind, validate, visit } from 'graphql';
import {
  ComplexityEstimator,
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
} from 'graphql-query-complexity';
import { limitMessages } from './graphql-error.messages';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
}

/** A list field costs its page size times what each item costs. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first: unknown = args.first;
  return typeof first === 'number' ? 1 + Math.max(first, 1) * childComplexity : undefined;
};

function refuse(code: string, message: string, limits: Record<string, number>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...limits, http: { status: 400 } } });
}

/** Which shape limit a document breaks, if any: depth and aliases do not depend on variables. */
function shapeProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  limits: QueryLimits,
): GraphQLError | null {
  let tooDeep = false;
  let tooManyAliases = false;
  validate(schema, document, [
    maxDepthRule({
      n: limits.maxDepth,
      propagateOnRejection: false,
      onReject: [() => (tooDeep = true)],
    }),
    // Aliases repeat one cheap field many times over; the cost limit alone lets that pass.
    maxAliasesRule({
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [() => (tooManyAliases = true)],
    }),
  ]);
  if (tooManyAliases) {
    return refuse('TOO_MANY_ALIASES', limitMessages.tooManyAliases(limits.maxAliases).en, {
      maxAliases: limits.maxAliases,
    });
  }
  if (tooDeep) {
    return refuse('QUERY_TOO_DEEP', limitMessages.tooDeep(limits.maxDepth).en, {
      maxDepth: limits.maxDepth,
    });
  }
  return null;
}

/** The variables a document passes as page sizes: the only ones its cost depends on. */
function pageSizeVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(argument) {
      if (argument.name.value === 'first' && argument.value.kind === Kind.VARIABLE)
        names.add(argument.value.name.value);
    },
  });
  return [...names];
}

interface DocumentChecks {
  shape: GraphQLError | null;
  pageSizeVariables: string[];
  /** Costs by operation and page sizes. */
  costs: Map<string, number>;
}

/** Selections, fragments expanded, that the cost is worked out over (graphql-query-complexity's default). */
const MAX_QUERY_NODES = 10_000;
/** What getComplexity throws beyond them. */
const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

/** Distinct page sizes remembered per document, beyond which its costs are forgotten. */
const MAX_COSTS_PER_DOCUMENT = 64;

/** Why an operation is refused (depth, aliases, cost), or null: the same check on every transport. */
export type QueryLimitCheck = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
) => GraphQLError | null;

/**
 * The check behind every transport's limits. It remembers its work per parsed document: Apollo and
 * Mercurius both hand out one parsed document per distinct query text (their document caches), so
 * a client repeating its queries has their shape checked, and each cost worked out, once.
 */
export function queryLimitCheck(limits: QueryLimits): QueryLimitCheck {
  const checked = new WeakMap<DocumentNode, DocumentChecks>();
  const estimators = [
    fieldExtensionsEstimator(),
    pageSizeEstimator,
    simpleEstimator({ defaultComplexity: 1 }),
  ];
  return (schema, document, operationName, variables = {}) => {
    let checks = checked.get(document);
    if (!checks) {
      checks = {
        shape: shapeProblem(schema, document, limits),
        pageSizeVariables: pageSizeVariables(document),
        costs: new Map(),
      };
      checked.set(document, checks);
    }
    if (checks.shape) return checks.shape;
    const given = variables ?? {};
    const key = JSON.stringify([
      operationName ?? null,
      ...checks.pageSizeVariables.map((name): unknown => given[name] ?? null),
    ]);
    let cost = checks.costs.get(key);
    if (cost === undefined) {
      try {
        cost = getComplexity({
          schema,
          query: document,
          operationName: operationName ?? undefined,
          variables: given,
          estimators,
          maxQueryNodes: MAX_QUERY_NODES,
        });
      } catch (error) {
        // Fragments spread many times over expand past what is worth costing.
        if (error instanceof GraphQLError && error.message === TOO_MANY_NODES) {
          return refuse(
            'QUERY_TOO_COMPLEX',
            `Query expands to more than ${MAX_QUERY_NODES} selections`,
            { maxCost: limits.maxCost, maxSelections: MAX_QUERY_NODES },
          );
        }
        // Variables that do not coerce: execution reports them as BAD_USER_INPUT with the path.
        return null;
      }
      if (checks.costs.size >= MAX_COSTS_PER_DOCUMENT) checks.costs.clear();
      checks.costs.set(key, cost);
    }
    if (cost > limits.maxCost) {
      return refuse('QUERY_TOO_COMPLEX', limitMessages.tooComplex(cost, limits.maxCost).en, {
        cost,
        maxCost: limits.maxCost,
      });
    }
    return null;
  };
}

/** Refuses over-deep, alias-heavy and over-costly operations before any resolver runs. */
export function queryLimitsPlugin(check: QueryLimitCheck): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }: GraphQLRequestContext<object>) {
          if (!document) return;
          const problem = check(schema, document, request.operationName, request.variables);
          if (problem) throw problem;
        },
      };
    },
  };
}

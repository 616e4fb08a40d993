// TypeScript's "node" module resolution cannot read package exports, so it finds no types for
// graphql-ws's ws server entry; this names them. (A tsconfig path would also be followed by
// tsconfig-paths at run time, which then loads the declaration file as code.)
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws.cjs';
}

// Jest loads reporters without its transform, so the TypeScript reporter is compiled here.
require('ts-node').register({ transpileOnly: true });
module.exports = require('./summary-reporter.ts').default;

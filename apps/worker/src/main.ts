import { Logger } from 'nestjs-pino';
import { createWorkerApp } from './bootstrap';

async function main(): Promise<void> {
  const app = await createWorkerApp();
  app.get(Logger).log('worker ready');
}

void main();

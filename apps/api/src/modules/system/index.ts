export { DiagnosticProcessors } from './diagnostic.processors';
export { QueueStatusService } from './queue-status.service';
export { SystemModule } from './system.module';

export { DEMO_PASSWORD, DEMO_USERS, DemoDataService } from './demo-data.service';
export { DemoDataModule } from './demo-data.module';

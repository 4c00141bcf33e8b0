export { DemoDataService } from './demo-data.service';
export { DemoDataModule } from './demo-data.module';

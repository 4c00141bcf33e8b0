export { SettingsModule } from './settings.module';
export { MspCalendar, SettingsService } from './settings.service';

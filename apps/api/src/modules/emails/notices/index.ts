export { NoticeSettingsController } from './notice-settings.controller';
export { NoticeSettingsService } from './notice-settings.service';
export { NoticesProcessor } from './notices.processor';
export { NoticesRepository } from './notices.repository';
export { NoticesService } from './notices.service';

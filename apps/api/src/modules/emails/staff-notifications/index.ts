export { StaffNotificationSettingsController } from './staff-notification-settings.controller';
export { StaffNotificationSettingsService } from './staff-notification-settings.service';
export { StaffNotificationsRepository } from './staff-notifications.repository';
export { StaffNotificationsService } from './staff-notifications.service';

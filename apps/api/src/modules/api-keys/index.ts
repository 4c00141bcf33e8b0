export { ApiKey } from './api-key.entity';
export { ApiKeysModule } from './api-keys.module';
export { ApiKeysService } from './api-keys.service';

export { toUserResponse, UserResponseDto } from './dto/user.dto';
export { IssuedSession, SessionsService } from './sessions.service';
export { User } from './user.entity';
export { UsersModule } from './users.module';
export { UsersService } from './users.service';

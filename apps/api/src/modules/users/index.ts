export { toUserResponse, UserResponseDto, ValidatePassword } from './dto/user.dto';
export { IssuedSession, SessionsService } from './sessions.service';
export { User } from './user.entity';
export { UsersModule } from './users.module';
export { hashPassword, StaffRecipient, UsersService } from './users.service';

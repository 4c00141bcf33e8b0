export { SessionListResponseDto } from './dto/session.dto';
export { toUserResponse, UserResponseDto, ValidatePassword } from './dto/user.dto';
export { assertPasswordAllowed } from './password-policy';
export { IssuedSession, SessionsService } from './sessions.service';
export { SecondFactor, TwoFactorService } from './two-factor.service';
export { User } from './user.entity';
export { UsersModule } from './users.module';
export { hashPassword, StaffRecipient, UsersService } from './users.service';

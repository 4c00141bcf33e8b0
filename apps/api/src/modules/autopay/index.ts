export { AutopayModule } from './autopay.module';
export { AutopayProcessor } from './autopay.processor';
export { AutopayRulesService } from './autopay-rules.service';
export {
  AutopayRuleListResponseDto,
  AutopayRuleResponseDto,
  PortalCreateAutopayRuleDto,
  PortalUpdateAutopayRuleDto,
} from './dto/autopay-rule.dto';

/**
 * Every test file's environment: providers in tests listen on 127.0.0.1, so
 * loopback targets are allowed (tests that prove the refusal turn it off).
 * Set in the environment too, for the hub processes tests spawn.
 */
import { setOutboundPolicy } from '../../src/security/outbound';

process.env.ALLOW_PRIVATE_TARGETS = 'true';
setOutboundPolicy({ allowPrivateTargets: true });

/** A procedure as schema.org's GovernmentService, offered online through the National Public Service Portal. */
import type { Procedure } from './schemas';

export function governmentServiceLd(procedure: Procedure, url: string, provider: string) {
  return {
    '@type': 'GovernmentService',
    name: procedure.name,
    identifier: procedure.code,
    serviceType: procedure.subjectArea,
    description: procedure.summary ?? undefined,
    url,
    provider: { '@type': 'GovernmentOrganization', name: procedure.implementingBody ?? provider },
    availableChannel: { '@type': 'ServiceChannel', serviceUrl: procedure.nationalPortalUrl, name: 'Cổng Dịch vụ công quốc gia' },
  };
}

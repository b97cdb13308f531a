import { Box, Flex, LinkButton, Typography } from '@strapi/design-system';
import { PUBLISHER_STATUS_URL } from '../publisher-url';

/** A page in the admin menu that sends editors to the publisher's status page. */
const PublisherStatus = () => (
  <Box padding={8}>
    <Flex direction="column" alignItems="flex-start" gap={4}>
      <Typography variant="alpha" tag="h1">
        Trạng thái xuất bản
      </Typography>
      <Typography>
        Sau khi bấm “Xuất bản”, trang công khai được xây dựng lại trong vài giây. Trang trạng thái cho biết lần xây dựng đang chạy,
        phiên bản đang phục vụ và lịch sử các lần xuất bản.
      </Typography>
      <LinkButton href={PUBLISHER_STATUS_URL} target="_blank" rel="noopener noreferrer">
        Mở trang trạng thái xuất bản
      </LinkButton>
    </Flex>
  </Box>
);

export default PublisherStatus;

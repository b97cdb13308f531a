// Starts Pagefind's search box; a file rather than inline code, for the site's CSP.
// The index is one shard per quarter (site/search/): the newest is the primary, the rest merge in.
const box = document.querySelector('#search');
fetch('/pagefind/shards.json')
  .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`shards.json: ${response.status}`))))
  .then((shards) => {
    if (shards.length === 0) {
      box.textContent = 'Chưa có tin bài nào để tìm.';
      return;
    }
    new PagefindUI({
      element: '#search',
      bundlePath: '/pagefind/',
      basePath: `/pagefind/${shards[0]}/`,
      mergeIndex: shards.slice(1).map((shard) => ({ bundlePath: `/pagefind/${shard}/` })),
      showImages: false,
      resetStyles: false,
      translations: { placeholder: 'Nhập từ khóa, ví dụ: hội nghị' },
    });
  })
  .catch(() => {
    box.textContent = 'Không tải được ô tìm kiếm. Vui lòng thử lại sau.';
  });

// Starts Pagefind's search box; a file rather than inline code, for the site's CSP.
new PagefindUI({ element: '#search', showImages: false, resetStyles: false, translations: { placeholder: 'Nhập từ khóa, ví dụ: hội nghị' } });

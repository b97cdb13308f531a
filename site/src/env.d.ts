declare namespace App {
  interface Locals {
    /** Set by the publisher's preview server for the preview routes only. */
    preview: import('./preview/preview-data').PreviewSource;
  }
}

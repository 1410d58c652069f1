// office-addin-mock imports office-addin-manifest only for these names; the real package is ESM-only
// and cannot be loaded by jest's CommonJS runtime.
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
};

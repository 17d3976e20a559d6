/** Placeholder so the field app compiles; the office engineer replaces this file. */
export default function OfficeApp() {
  return <main class="screen"><h1>Văn phòng</h1></main>;
}

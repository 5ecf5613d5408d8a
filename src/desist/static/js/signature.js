// On-screen signature for a self-assessment reading (progressive enhancement).
// Without JavaScript the page offers "type name and confirm"; with it, a canvas records the
// strokes as SVG path data (moves and lines only) into the hidden "signature" field.
const form = document.querySelector("[data-signature-form]");
if (form) {
  const pad = form.querySelector("[data-signature-pad]");
  const note = form.querySelector("[data-signature-nojs]");
  const canvas = pad && pad.querySelector("canvas");
  const field = form.querySelector("#id_signature");
  const context = canvas && canvas.getContext ? canvas.getContext("2d") : null;
  if (pad && canvas && field && context) {
    pad.hidden = false;
    if (note) note.hidden = true;
    context.lineWidth = 3;
    context.lineCap = "round";
    context.strokeStyle = "#0b0c0c";
    let drawing = false;
    let path = [];
    const point = (event) => {
      const box = canvas.getBoundingClientRect();
      const x = ((event.clientX - box.left) * canvas.width) / box.width;
      const y = ((event.clientY - box.top) * canvas.height) / box.height;
      return [Math.max(0, Math.round(x * 10) / 10), Math.max(0, Math.round(y * 10) / 10)];
    };
    const drawn = form.querySelector('input[name="method"][value="drawn"]');
    canvas.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      if (drawn) drawn.checked = true;
      canvas.setPointerCapture(event.pointerId);
      drawing = true;
      const [x, y] = point(event);
      path.push(`M ${x} ${y}`);
      context.beginPath();
      context.moveTo(x, y);
    });
    canvas.addEventListener("pointermove", (event) => {
      if (!drawing) return;
      const [x, y] = point(event);
      path.push(`L ${x} ${y}`);
      context.lineTo(x, y);
      context.stroke();
    });
    const stop = () => {
      drawing = false;
      field.value = path.join(" ");
    };
    canvas.addEventListener("pointerup", stop);
    canvas.addEventListener("pointercancel", stop);
    pad.querySelector("[data-signature-clear]").addEventListener("click", () => {
      path = [];
      field.value = "";
      context.clearRect(0, 0, canvas.width, canvas.height);
    });
  }
}

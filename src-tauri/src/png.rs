//! PNG export: the layout's SVG rendered by resvg at twice its size, so it stays sharp on
//! high-density screens and in slides. Copy as image puts the same raster on the clipboard
//! ([`rgba`]), so the two are one drawing.

use resvg::tiny_skia::Pixmap;

/// Scale of the raster over the SVG's own size.
const SCALE: f32 = 2.0;

/// The diagram as straight (not premultiplied) RGBA pixels, row by row: what a clipboard
/// image is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raster {
    pub width: u32,
    pub height: u32,
    /// `width * height * 4` bytes.
    pub rgba: Vec<u8>,
}

/// `svg` drawn on white at [`SCALE`].
fn draw(svg: &str) -> Result<Pixmap, String> {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(SCALE)
        .ok_or("the diagram is empty")?;
    let mut pixmap =
        Pixmap::new(size.width(), size.height()).ok_or("the diagram is too large to render")?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// The PNG file Export writes.
pub fn render(svg: &str) -> Result<Vec<u8>, String> {
    draw(svg)?.encode_png().map_err(|e| e.to_string())
}

/// A pixmap's pixels as straight (not premultiplied) RGBA bytes, as a clipboard takes them.
pub(crate) fn straight_rgba(pixmap: &resvg::tiny_skia::Pixmap) -> Vec<u8> {
    pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect()
}

/// The same drawing as [`render`], as pixels.
pub fn rgba(svg: &str) -> Result<Raster, String> {
    let pixmap = draw(svg)?;
    let rgba = straight_rgba(&pixmap);
    Ok(Raster {
        width: pixmap.width(),
        height: pixmap.height(),
        rgba,
    })
}

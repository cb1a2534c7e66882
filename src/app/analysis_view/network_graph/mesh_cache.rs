//! Shapes tessellated once and kept while they stay the same. The graph's
//! canvas (500 circles, 1,100 arrows and their labels in the benchmark)
//! takes most of a frame to tessellate, yet is the same from one frame to
//! the next unless a node moves, the view zooms or pans, the hovered item
//! changes, or the theme or the scale does. The shapes themselves are the
//! key (text included: a galley holds where its glyphs sit in the font
//! atlas), so a kept mesh is always exactly what tessellating them again
//! would give. Given as the first shape under its clip, a kept mesh is also
//! copied into the frame's output in one piece instead of growing it.

use egui::epaint::{ClippedShape, Primitive, Shape, TessellationOptions};
use egui::{Painter, Rect};
use std::sync::Arc;

/// What a mesh was tessellated under, beside its shapes.
#[derive(Clone, Debug, PartialEq)]
struct Settings {
    pixels_per_point: f32,
    options: TessellationOptions,
    font_image_size: [usize; 2],
    clip_rect: Rect,
}

/// The last shapes tessellated and their mesh (one per texture).
#[derive(Clone, Debug, Default)]
pub(super) struct MeshCache {
    made_from: Option<(Vec<Shape>, Settings)>,
    meshes: Vec<Shape>,
    /// How many times shapes were tessellated.
    tessellated: usize,
}

impl MeshCache {
    /// `shapes` as tessellated for `painter`, tessellated again only when
    /// they or the tessellation settings changed.
    pub(super) fn mesh_of(&mut self, painter: &Painter, shapes: Vec<Shape>) -> Shape {
        let ctx = painter.ctx();
        let settings = Settings {
            pixels_per_point: painter.pixels_per_point(),
            options: ctx.tessellation_options(|options| *options),
            font_image_size: ctx.fonts(|fonts| fonts.font_image_size()),
            clip_rect: painter.clip_rect(),
        };
        let same = self
            .made_from
            .as_ref()
            .is_some_and(|(kept, under)| *under == settings && *kept == shapes);
        if !same {
            // The context's own tessellator (its font atlas's discs paint
            // small filled circles), culled to the painter's clip as the
            // frame's tessellation would.
            let clipped = ClippedShape {
                clip_rect: settings.clip_rect,
                shape: Shape::Vec(shapes.clone()),
                transform_after_tessellation: Default::default(),
            };
            self.meshes = ctx
                .tessellate(vec![clipped], settings.pixels_per_point)
                .into_iter()
                .filter_map(|primitive| match primitive.primitive {
                    Primitive::Mesh(mesh) => Some(Shape::Mesh(Arc::new(mesh))),
                    Primitive::Callback(_) => None,
                })
                .collect();
            self.made_from = Some((shapes, settings));
            self.tessellated += 1;
        }
        match self.meshes.as_slice() {
            [mesh] => mesh.clone(),
            meshes => Shape::Vec(meshes.to_vec()),
        }
    }

    /// How many times shapes were tessellated.
    #[cfg(test)]
    pub(super) fn tessellated(&self) -> usize {
        self.tessellated
    }
}

#[cfg(test)]
mod tests {
    use super::MeshCache;
    use egui::epaint::{CircleShape, ClippedShape, Primitive, Shape};
    use egui::{Color32, FontId, Stroke, pos2};

    fn circle(x: f32) -> Shape {
        Shape::Circle(CircleShape {
            center: pos2(x, 50.0),
            radius: 6.0,
            fill: Color32::GRAY,
            stroke: Stroke::new(1.0, Color32::BLACK),
        })
    }

    /// The same shapes (circles, lines, text) are tessellated once; changed
    /// shapes again, and each mesh given is exactly what the frame's own
    /// tessellation makes of the shapes of that frame.
    #[test]
    fn a_mesh_is_kept_while_its_shapes_stay_the_same() {
        let ctx = egui::Context::default();
        let line = Shape::line_segment([pos2(10.0, 10.0), pos2(90.0, 40.0)], (2.0, Color32::RED));
        let frames = [
            vec![circle(20.0), line.clone()],
            vec![circle(20.0), line.clone()],
            vec![circle(30.0), line],
        ];
        let mut cache = MeshCache::default();
        let mut made = Vec::new();
        for shapes in frames {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let painter = ui.painter().clone();
                let galley = painter.layout_no_wrap(
                    "Serbia".into(),
                    FontId::proportional(12.0),
                    Color32::WHITE,
                );
                let mut shapes = shapes.clone();
                shapes.push(Shape::galley(pos2(40.0, 60.0), galley, Color32::WHITE));
                let Shape::Mesh(mesh) = cache.mesh_of(&painter, shapes.clone()) else {
                    panic!("not a mesh");
                };
                let clipped = ClippedShape {
                    clip_rect: painter.clip_rect(),
                    shape: Shape::Vec(shapes.clone()),
                    transform_after_tessellation: Default::default(),
                };
                let direct = ctx.tessellate(vec![clipped], painter.pixels_per_point());
                let [primitive] = direct.as_slice() else {
                    panic!("{} primitives", direct.len());
                };
                let Primitive::Mesh(expected) = &primitive.primitive else {
                    panic!("a callback");
                };
                assert!(!mesh.vertices.is_empty());
                assert_eq!(mesh.vertices, expected.vertices);
                assert_eq!(mesh.indices, expected.indices);
                made.push(cache.tessellated());
            });
            // No GPU takes the font atlas here.
            output.textures_delta.clear();
        }
        assert_eq!(made, [1, 1, 2]);
    }
}

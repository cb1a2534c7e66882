//! A combo box with its label in front, named for AccessKit by that label or
//! by a longer accessible name (so kittest and screen readers find it). In a
//! row that wraps, the label and its box move to the next row together.

/// Draws `label`, then a combo box showing `selected` whose menu `menu` fills;
/// the box's accessible name is `accessible`.
pub fn labelled_combo_ui(
    ui: &mut egui::Ui,
    label: &str,
    accessible: &str,
    id: &str,
    selected: &str,
    menu: impl FnOnce(&mut egui::Ui),
) {
    let label = egui::WidgetText::from(label).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    );
    let selected_width = egui::WidgetText::from(selected)
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Button,
        )
        .size()
        .x;
    let spacing = ui.spacing();
    let box_width = spacing
        .combo_width
        .max(selected_width + spacing.icon_width + 2.0 * spacing.button_padding.x);
    let needed = label.size().x + spacing.item_spacing.x + box_width;
    if ui.available_size_before_wrap().x < needed {
        // Does nothing in a row that does not wrap.
        ui.end_row();
    }
    let name = ui.label(label);
    let combo = egui::ComboBox::from_id_salt(id)
        .selected_text(selected)
        .show_ui(ui, menu)
        .response
        .labelled_by(name.id);
    let accessible = accessible.to_owned();
    ui.ctx()
        .accesskit_node_builder(combo.id, |node| node.set_label(accessible));
}

//! A combo box with its label in front, named for AccessKit by that label or
//! by a longer accessible name (so kittest and screen readers find it).

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

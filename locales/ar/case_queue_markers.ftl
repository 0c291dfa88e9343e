queue-open-cases = الملفات المفتوحة
queue-all-cases = كل الملفات، بما فيها المغلقة
queue-unassigned-only = غير المُسندة فقط
queue-unassigned-new = { $count ->
    [one] طلب جديد واحد لم يُسند إلى أحد بعد
   *[other] { $count } طلبات جديدة لم تُسند إلى أحد بعد
}
queue-unread-messages = { $count ->
    [one] رسالة واحدة غير مقروءة
   *[other] { $count } رسائل غير مقروءة
}
queue-new-uploads = { $count ->
    [one] ملف جديد واحد
   *[other] { $count } ملفات جديدة
}
case-applicant-language = لغة مقدم الطلب

# تقرير اكتمال الطلب، ملخص بلغة واضحة.

summary-complete = الطلب مكتمل: جميع المستندات ({ $total }) موجودة ومقبولة.
summary-review = لا ينقص أي مستند، لكن يجب على موظف الحالة مراجعة { $review } من أصل { $total } مستندات قبل إرسال الطلب.
summary-incomplete = الطلب غير مكتمل بعد: ناقص { $missing }، غير مقبول { $invalid }، للمراجعة { $review } (من أصل { $total } مستندات).

item-satisfied = { $person }: { $document } — مقبول.
item-missing = { $person }: { $document } غير موجود. مطلوب بموجب { $citation }.
item-invalid = { $person }: لا يمكن قبول { $document }: { $reasons }. مطلوب بموجب { $citation }.
item-review = { $person }: يحتاج { $document } إلى مراجعة من موظف الحالة: { $reasons }. ({ $citation })

reason-separator = {"؛ "}
reason-mrz-invalid = المنطقة المقروءة آليًا غير صحيحة
reason-mrz-contradicts-record = المنطقة المقروءة آليًا لا تطابق { $field ->
        [number] رقم المستند
        [issuing_state] الدولة المُصدِرة
        [birth_date] تاريخ الميلاد
        [nationality] الجنسية
       *[expiry_date] تاريخ انتهاء الصلاحية
    } المسجَّل
reason-name-differs = الاسم يختلف عن الاسم المُصرَّح به
reason-name-phonetic = الاسم مكتوب بشكل مختلف (على الأرجح نقل صوتي آخر للاسم نفسه)
reason-name-swapped = يبدو أن اسم العائلة والاسم الشخصي متبادلان مقارنة بالاسم المُصرَّح به
reason-birth-date-differs = تاريخ الميلاد يختلف عن التاريخ المُصرَّح به
reason-nationality-differs = الجنسية تختلف عن الجنسية المُصرَّح بها
reason-issued-after-expiry = تاريخ الإصدار بعد تاريخ انتهاء الصلاحية
reason-expired = انتهت صلاحيته
reason-expires-too-soon = يجب أن يبقى صالحًا { $months } أشهر على الأقل بعد تاريخ السفر
reason-validity-unknown = تاريخ السفر أو تاريخ انتهاء الصلاحية غير معروف
reason-too-old = يجب أن يكون صادرًا خلال آخر { $months } أشهر
reason-issue-date-unknown = تاريخ الإصدار غير معروف
reason-translation-missing = الترجمة المعتمدة إلى اللغة ({ $language }) غير موجودة
reason-legalisation-missing = التصديق أو الأبوستيل غير موجود
reason-number-used-by-another-person = رقم المستند نفسه مسجَّل لشخص آخر
reason-may-be-required = قد يكون مطلوبًا، بحسب معلومات لم تُعرف بعد
